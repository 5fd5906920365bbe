// Keywords yaml-language-server (and VS Code's JSON service) read to guide people editing the YAML:
// messages, Markdown hovers, enum explanations. They are annotations: Ajv validates nothing with
// them, but strict mode must know them rather than reject schemas/partner-instance.schema.json.
// CommonJS so that `ajv-cli -c scripts/editor-keywords.cjs` loads it too (bench/validate).
const text = { type: "string", minLength: 1 };
const texts = { type: "array", items: text };

const EDITOR_KEYWORDS = [
  { keyword: "markdownDescription", metaSchema: text },
  { keyword: "errorMessage", metaSchema: text },
  { keyword: "patternErrorMessage", metaSchema: text },
  { keyword: "markdownEnumDescriptions", metaSchema: texts },
  { keyword: "enumDescriptions", metaSchema: texts },
  { keyword: "deprecationMessage", metaSchema: text },
  { keyword: "doNotSuggest", metaSchema: { type: "boolean" } },
];

/** Declares the editor keywords on an Ajv instance; returns it. */
module.exports = function addEditorKeywords(ajv) {
  return ajv.addVocabulary(EDITOR_KEYWORDS);
};
