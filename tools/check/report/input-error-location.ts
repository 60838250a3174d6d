import type { InputError } from "../../../src/validation";

/**
 * The file, line and column an input error names (`tenants/claims.ts:12:5` as the tenant source
 * reader and the preflight write them), relative to the repository; a file without a line is at 1:1.
 * Errors that name no file of the repository (`program bug`) have none.
 */
export function inputErrorLocation(
  error: InputError,
): { file: string; line: number; column: number } | undefined {
  const match = /^(.*?):(\d+):(\d+)$/.exec(error.file);
  const file = (match ? match[1] : error.file).split("\\").join("/");
  if (!/\.(ts|ya?ml|json)$/.test(file) || file.startsWith("/") || file.startsWith("../")) return undefined;
  return { file, line: match ? Number(match[2]) : 1, column: match ? Number(match[3]) : 1 };
}
