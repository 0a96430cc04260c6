// @ts-check
/**
 * ESLint for the whole repository (`npm run lint`, part of `npm test`): @eslint/js recommended, then
 * typescript-eslint's type-checked recommended and stylistic rules over every TypeScript file (type
 * information from tsconfig.json, which includes src/, test/, bench/, tools/ and examples/), then
 * eslint-config-prettier last, so that layout is Prettier's alone.
 */
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

/** The globals of the plain CommonJS files run by Node (bin/, the build and test configuration). */
const nodeGlobals = {
  require: "readonly",
  module: "writable",
  exports: "writable",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
  URL: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
  setInterval: "readonly",
  clearInterval: "readonly",
  setImmediate: "readonly",
};

export default tseslint.config(
  {
    // Generated output and data: compiled JavaScript, coverage, the benchmark figures the tools write.
    ignores: ["dist/", "out/", "coverage/", "test-results/", ".tmp/", "assets/data/"],
  },
  js.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs" },
  },
  {
    rules: {
      // The add-in and the command line run no code made from text (a workbook's contents are data only).
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      // The type-aware form replaces the core rule (it also catches setTimeout("code") on typed values).
      "no-implied-eval": "off",
      "@typescript-eslint/no-implied-eval": "error",
      // `map.get(key) as Row` rather than `map.get(key)!`: the project writes the type it asserts, so the
      // reader sees it where the assertion is made. Neither form is checked, so neither is safer.
      "@typescript-eslint/non-nullable-type-assertion-style": "off",
      // `const { source: _s, ...episode } = e` is how the code leaves a field out of a copy.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // A value read from a sheet, a CSV or JSON is `unknown`, which this rule leaves alone; once checked
      // for null it is `{}` (any non-null value), and String() of it is the text the code wants.
      "@typescript-eslint/no-base-to-string": [
        "error",
        { ignoredTypeNames: ["Error", "RegExp", "URL", "URLSearchParams", "{}"] },
      ],
      // `typed || fallback` is meant where a blank text or a 0 or NaN read from a file means "not given".
      "@typescript-eslint/prefer-nullish-coalescing": ["error", { ignorePrimitives: { string: true, number: true } }],
    },
  },
  {
    files: ["test/**/*.ts", "test/**/*.tsx"],
    rules: {
      // Tests hand async callbacks to APIs that need them whether or not they await: React's act() waits
      // for the updates an async callback starts and a sync one does not, and a stand-in for an async
      // function (jest.fn(async () => ...)) must return a promise as the real one does.
      "@typescript-eslint/require-await": "off",
      // @types/jest types the asymmetric matchers (expect.closeTo, expect.stringContaining,
      // expect.objectContaining) as `any`, and expected values are built from them. Member access and
      // calls on `any` stay errors, so JSON a test reads must still be given its type.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
  prettier,
);
