#!/usr/bin/env bash
# spark-submit for a machine without a Spark distribution. spark-submit runs Spark's launcher class,
# org.apache.spark.deploy.SparkSubmit; this runs the same class on the jars of the Spark release the
# module builds against (resolved from Maven once, by local-spark/pom.xml, and cached in target/),
# with the JVM options Spark's launcher gives Java 17. So a spark-submit command runs as written,
# with local[N] for the master:
#
#   src/spark/spark-submit-local.sh --master 'local[2]' --class org.glyphocr.spark.RecognizeJob \
#       src/spark/target/glyph-ocr-spark-0.1.0-SNAPSHOT-all.jar --input DIR --output DIR
#
# The driver runs in this JVM, so --driver-memory has no effect: set the heap with
# SPARK_SUBMIT_JAVA_OPTS=-Xmx8g instead.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$here/pom.xml" | head -1; }
version="$(property spark.version)"
classpath="$here/target/local-spark-$version.classpath"
if [ ! -s "$classpath" ]; then
  mkdir -p "$here/target"
  echo "spark-submit-local: resolving Spark $version's jars with Maven (once)" >&2
  mvn -q -B -ntp -f "$here/local-spark/pom.xml" -Dspark.version="$version" \
      dependency:build-classpath -Dmdep.outputFile="$classpath" >&2
fi
# shellcheck disable=SC2046,SC2086 # the options are separate words
exec java ${SPARK_SUBMIT_JAVA_OPTS:-} $(property spark.jvm.options) -cp "$(cat "$classpath")" org.apache.spark.deploy.SparkSubmit "$@"
