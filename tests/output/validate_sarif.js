// Validates a SARIF file against the official SARIF 2.1.0 JSON schema
// (draft-04; shipped in npm @microsoft/jest-sarif) with ajv 6.
// usage: NODE_PATH=<node_modules> node validate_sarif.js SCHEMA.json FILE.sarif
'use strict';
const fs = require('fs');
const Ajv = require('ajv');

const [schemaPath, sarifPath] = process.argv.slice(2);
if (!schemaPath || !sarifPath) {
  console.error('usage: validate_sarif.js SCHEMA.json FILE.sarif');
  process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const sarif = JSON.parse(fs.readFileSync(sarifPath, 'utf8'));
const ajv = new Ajv({schemaId: 'auto', allErrors: true, format: 'full'});
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);
if (!validate(sarif)) {
  for (const error of validate.errors) console.error(`${sarifPath}: ${error.dataPath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
  process.exit(1);
}
console.log(`${sarifPath}: valid SARIF 2.1.0 (${schema.title})`);
