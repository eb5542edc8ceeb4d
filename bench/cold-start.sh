#!/usr/bin/env bash
# Cold start of every function Lambda invokes directly, beside an empty Micronaut function of the same versions (the
# floor, bench/floor, built here) and the same with a DynamoDB client (the floor of a function that reads a table):
# JVM start to the first event answered, interleaved rounds, medians and each function's ratio to the floor, with jar
# size and classes loaded.
# Usage: bench/cold-start.sh [rounds=5] [function...]: logical ids of template.yaml, all by default; Id=path/to/jar adds
# another build of that function's jar (before and after a change). Needs a build first: mvn -B -ntp -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}; shift || true
mvn -q -B -ntp -o -f bench/floor/pom.xml package -DskipTests
mvn -q -B -ntp -o -f bench/floor/pom.xml package -DskipTests -Pdynamodb
mvn -q -B -ntp -o -pl local exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-classpath %classpath dev.athanor.local.platform.ColdStartBench $rounds $PWD/bench/floor/target/function.jar $PWD/bench/floor/target/dynamodb/function.jar $*" \
  -Dexec.workingdir="$PWD"
