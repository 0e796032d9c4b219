// Command sdkgen writes the Node.js, Python and Go SDKs of a Pulumi package from its schema.json, with Pulumi's own
// code generators at the engine's version (tools/engine/go.mod). `pulumi package gen-sdk` would need language hosts
// newer than the ones the Go module proxy serves here, so this calls the generators directly.
//
//	sdkgen -schema schema.json -out DIR [-languages nodejs,python,go]
//
// writes DIR/nodejs, DIR/python and DIR/go, each replaced as a whole.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"golang.org/x/mod/modfile"
)

const tool = "pulumi-tencentcloud-organization sdkgen"

func main() {
	schemaPath := flag.String("schema", "", "the package's schema.json")
	out := flag.String("out", "", "folder that receives one folder per language")
	languages := flag.String("languages", "nodejs,python,go", "comma-separated languages to generate")
	flag.Parse()
	if *schemaPath == "" || *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen -schema schema.json -out DIR [-languages nodejs,python,go]")
		os.Exit(2)
	}
	if err := run(*schemaPath, *out, strings.Split(*languages, ",")); err != nil {
		fmt.Fprintf(os.Stderr, "sdkgen: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaPath, out string, languages []string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	for _, language := range languages {
		if _, known := generators[language]; !known {
			return fmt.Errorf("-languages: unknown language %q (known: nodejs, python, go)", language)
		}
		// The package is bound again for each language: every generator records its own options in the package.
		pkg, err := bind(raw, schemaPath, languages)
		if err != nil {
			return err
		}
		files, err := generators[language](pkg)
		if err != nil {
			return fmt.Errorf("generating the %s SDK: %w", language, err)
		}
		if err := writeTree(filepath.Join(out, language), files); err != nil {
			return err
		}
	}
	return nil
}

var generators = map[string]func(*schema.Package) (map[string][]byte, error){
	"nodejs": func(pkg *schema.Package) (map[string][]byte, error) {
		return nodejs.GeneratePackage(tool, pkg, nil, nil, false, noLoader{})
	},
	"python": func(pkg *schema.Package) (map[string][]byte, error) {
		return python.GeneratePackage(tool, pkg, nil, noLoader{})
	},
	"go": func(pkg *schema.Package) (map[string][]byte, error) {
		files, err := gogen.GeneratePackage(tool, pkg, nil)
		if err != nil {
			return nil, err
		}
		return files, requireOwnGoSDK(files)
	},
}

// requireOwnGoSDK makes the Go SDK's go.mod require the Pulumi Go SDK of the generators' own release (the generator
// writes an older fixed one), as the Node.js and Python SDKs are used with the engine's @pulumi/pulumi and pulumi
// packages. A build of the Go SDK then reuses the engine's compiled packages instead of compiling another release.
func requireOwnGoSDK(files map[string][]byte) error {
	const sdk = "github.com/pulumi/pulumi/sdk/v3"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return errors.New("sdkgen has no build information to take the Pulumi Go SDK version from")
	}
	version := ""
	for _, dep := range info.Deps {
		if dep.Path == sdk {
			version = dep.Version
		}
	}
	gomod, err := modfile.Parse("go.mod", files["go.mod"], nil)
	if err != nil || version == "" {
		return fmt.Errorf("cannot pin %s in the Go SDK's go.mod (built with %q): %v", sdk, version, err)
	}
	if err := gomod.AddRequire(sdk, version); err != nil {
		return err
	}
	files["go.mod"], err = gomod.Format()
	return err
}

// bind parses and validates the schema, with the options that make each SDK a package of its own at the schema's
// version: respectSchemaVersion for each language (otherwise the SDKs say 0.0.0 or leave the version to a publish
// step) and meta.supportPack (the Go SDK gets its go.mod, the Python SDK its pyproject.toml). Every other language
// option stays as the schema gives it.
func bind(raw []byte, schemaPath string, languages []string) (*schema.Package, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s is not a package schema: %w", schemaPath, err)
	}
	if _, err := semver.ParseTolerant(spec.Version); err != nil {
		return nil, fmt.Errorf("%s: \"version\" %q is not a semantic version; the SDKs are stamped with it: %w",
			schemaPath, spec.Version, err)
	}
	if spec.Language == nil {
		spec.Language = map[string]schema.RawMessage{}
	}
	for _, language := range languages {
		options := map[string]any{}
		if existing, ok := spec.Language[language]; ok {
			if err := json.Unmarshal(existing, &options); err != nil {
				return nil, fmt.Errorf("%s: \"language.%s\" must be an object: %w", schemaPath, language, err)
			}
		}
		options["respectSchemaVersion"] = true
		encoded, err := json.Marshal(options)
		if err != nil {
			return nil, err
		}
		spec.Language[language] = encoded
	}
	if spec.Meta == nil {
		spec.Meta = &schema.MetadataSpec{}
	}
	spec.Meta.SupportPack = true

	pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s is not a valid package schema: %w", schemaPath, errors.Join(diags.Errs()...))
	}
	return pkg, nil
}

// writeTree replaces dir with files (paths relative to dir), built beside it and swapped in by rename, so a failed
// run leaves the previous SDK whole and no stale file survives a regeneration.
func writeTree(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	staging, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging)
	for name, content := range files {
		target := filepath.Join(staging, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, content, 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.Rename(staging, dir)
}

// noLoader answers every request for another package with an error: this package's schema references none, and a
// reference to one is a mistake in the schema, not something to resolve from a plugin cache.
type noLoader struct{}

func (noLoader) refused(name string) error {
	return fmt.Errorf("the schema references package %q: sdkgen generates self-contained packages only", name)
}

func (l noLoader) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refused(name)
}

func (l noLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refused(d.Name)
}

func (l noLoader) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refused(name)
}

func (l noLoader) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refused(d.Name)
}
