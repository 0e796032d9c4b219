//go:build tools

// Package tools records the program this module builds, so `go mod tidy` keeps its dependencies.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
