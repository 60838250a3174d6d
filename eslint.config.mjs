// ESLint flat config: correctness rules only. Layout is Prettier's job (`npm run format:check`), so no
// stylistic rule here may disagree with it. Not type-aware on purpose: `tsc --noEmit` already type-checks
// every project (`npm run typecheck`), and syntax-only linting keeps `npm test` fast.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores([
    "**/node_modules/",
    // Pulumi's and the tools' generated or local-only output (see .gitignore).
    "**/bin/",
    ".pulumi/",
    ".scratch/",
    "coverage/",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: {
      // A stale `eslint-disable` hides the next real finding on that line.
      reportUnusedDisableDirectives: "error",
    },
    rules: {
      // `_name` marks a parameter that an interface requires but this implementation ignores.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      // Pulumi components name themselves `parent` to pass `{ parent }` to their children.
      "@typescript-eslint/no-this-alias": ["error", { allowedNames: ["parent"] }],
      // `==` only where it means "null or undefined".
      eqeqeq: ["error", "smart"],
      // A floating `.only` in a mocha file silently skips every other test in CI.
      "no-restricted-properties": [
        "error",
        { object: "describe", property: "only", message: "Remove .only before committing." },
        { object: "it", property: "only", message: "Remove .only before committing." },
      ],
    },
  },
  {
    files: ["test/**/*.ts", "**/*.test.ts"],
    languageOptions: { globals: { ...globals.mocha } },
  },
  {
    // Plain CommonJS scripts (preloads for `node --require`): `require` is how they import.
    files: ["**/*.cjs", "**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
]);
