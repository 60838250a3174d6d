import * as fs from "node:fs";

/** Whether `directory` exists and is a directory (a missing or unreadable path is not). */
export function isDirectory(directory: string): boolean {
  try {
    return fs.statSync(directory).isDirectory();
  } catch {
    return false;
  }
}
