#!/usr/bin/env bash
# What can be checked of the native build on a machine without GraalVM or Mandrel (docs/native.md).
# Quarkus writes everything native-image would be given (-Dquarkus.native.sources-only=true:
# target/native-sources with the runner jar, its META-INF/native-image/*.json and the class path),
# without running native-image. This checks, in that output:
#   - every wire type (classes of the api packages, Problem, Page) is registered for reflection;
#   - the generated OpenAPI document (read at run time for 405 Allow headers) is a native resource;
#   - nothing of zonky, its PostgreSQL archives or src/embedded is on the native class path.
# It cleans target/ first (a JVM build leaves src/embedded's classes there): build again afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q clean package -Dnative -DskipTests -Dquarkus.native.sources-only=true
out=target/native-sources
jar=$(ls "$out"/*-runner.jar)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && unzip -q -o "$OLDPWD/$jar" 'META-INF/native-image/*')
registered="$work/registered.txt"
grep -o '"name" *: *"org\.carechart\.[^"]*"' "$work/META-INF/native-image/reflect-config.json" \
  | sed 's/.*"\(org\.carechart\.[^"]*\)"/\1/' | sort -u > "$registered"
failures=0
wire=$( (cd target/classes && find org -path '*/api/*.class'; \
         printf '%s\n' org/carechart/common/Problem.class 'org/carechart/common/Problem$FieldError.class' org/carechart/common/Page.class) \
        | sed 's/\.class$//; s#/#.#g' | sort -u)
checked=0
for type in $wire; do
  checked=$((checked + 1))
  if ! grep -qxF "$type" "$registered"; then
    echo "NOT registered for reflection: $type"
    failures=$((failures + 1))
  fi
done
echo "wire types registered for reflection: $((checked - failures)) of $checked"
if grep -q 'quarkus-generated-openapi-doc\.JSON' "$work/META-INF/native-image/resource-config.json"; then
  echo "the generated OpenAPI document is a native resource"
else
  echo "NOT a native resource: META-INF/quarkus-generated-openapi-doc.JSON"; failures=$((failures + 1))
fi
zonky=$(ls "$out/lib" | grep -i -E 'zonky|embedded-postgres' || true)
if [ -n "$zonky" ]; then
  echo "ON the native class path: $zonky"; failures=$((failures + 1))
else
  echo "no zonky jar among the $(ls "$out/lib" | wc -l) jars of the native class path"
fi
if unzip -l "$jar" | grep -q -E 'ZonkyPostgres|META-INF/services/org\.carechart\.embedded\.LocalPostgres|postgres-.*\.txz'; then
  echo "the runner jar carries the embedded PostgreSQL"; failures=$((failures + 1))
else
  echo "the runner jar carries no embedded PostgreSQL (no ZonkyPostgres, no service entry, no archive)"
fi
exit $((failures > 0))
