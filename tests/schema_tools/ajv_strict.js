// Compile a JSON Schema with Ajv in strict mode (every strict option on, warnings are failures,
// no formats added: the schema uses none), then validate JSON instances against it.
// Usage: node ajv_strict.js NODE_MODULES SCHEMA [INSTANCE...]
// Prints one line per problem and exits 1 when there is any; exits 0 with "ok" otherwise.
"use strict";
const path = require("path");
const fs = require("fs");
const [modulesArg, schemaFile, ...instances] = process.argv.slice(2);
const modules = path.resolve(modulesArg);
const Ajv = require(path.join(modules, "ajv")).default;
const problems = [];
const logger = {
  log: () => {},
  warn: (...args) => problems.push("warning: " + args.join(" ")),
  error: (...args) => problems.push("error: " + args.join(" ")),
};
const ajv = new Ajv({
  strict: true,
  strictSchema: true,
  strictNumbers: true,
  strictTypes: true,
  strictTuples: true,
  strictRequired: true,
  allErrors: true,
  logger,
});
let validate = null;
try {
  validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
} catch (e) {
  problems.push("error: " + e.message);
}
if (validate) {
  for (const file of instances) {
    if (!validate(JSON.parse(fs.readFileSync(file, "utf8")))) {
      for (const err of validate.errors) problems.push(`${file}: ${err.instancePath} ${err.message}`);
    }
  }
}
for (const p of problems) console.log(p);
if (problems.length) process.exit(1);
console.log("ok");
