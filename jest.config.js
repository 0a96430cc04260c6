/**
 * Two projects: "unit" (everything that needs Node alone) and "integration" (the suites that drive
 * LibreOffice, Chromium or xmllint: their own programs, installed by .ci/run). `npm test` runs both;
 * `npm run test:unit` and `npm run test:integration` run one.
 */
const INTEGRATION = [
  "<rootDir>/test/browser/",
  "<rootDir>/test/cli/endToEnd.test.ts",
  "<rootDir>/test/cli/rebuildKeepsInputs.test.ts",
  "<rootDir>/test/xlsx/xlsxWrite.test.ts",
  "<rootDir>/test/functions/projection.libreoffice.test.ts",
  "<rootDir>/test/manifest/manifest.test.ts",
  "<rootDir>/test/robustness/date1904.test.ts",
];

const shared = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
  },
  setupFilesAfterEnv: ["<rootDir>/test/support/jestSetup.ts"],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: "unit",
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testPathIgnorePatterns: ["/node_modules/", ...INTEGRATION],
    },
    {
      ...shared,
      displayName: "integration",
      testMatch: INTEGRATION.map((path) => (path.endsWith("/") ? `${path}**/*.test.ts` : path)),
    },
  ],
};
