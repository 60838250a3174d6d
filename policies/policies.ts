import * as path from "node:path";
import { loadPolicyDirectory } from "./lib/policy-directory";

/**
 * Every policy of the pack, sorted by name: each file of rules/ defines and registers one. Adding a
 * policy adds its file there (and its test); nothing here changes. A module of its own so tests and
 * the docs generator read the policies without serving the pack.
 */
export const policies = loadPolicyDirectory(path.join(__dirname, "rules"));
