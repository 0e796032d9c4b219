//go:build tools

// Package tools records the programs this module builds, so `go mod tidy` keeps their dependencies.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
