import type { InputError } from "./validation";
import { formatPath } from "./validation";

/**
 * Values written to be replaced: the scaffold's `TODO` (tools/new-tenant.ts) and addresses at the
 * names reserved for documentation, example.com, example.net, example.org and the `.example` TLD
 * (RFC 2606 §2-3): mail sent there reaches no one, so a budget alert would go unread. A tenant that
 * still holds one is refused, naming the field, by every stack that plans it (the check and
 * `pulumi up` alike). The `.test` TLD (RFC 6761 §6.2, names for testing) is not refused: the test
 * fixtures and the shipped sample tenants use it on purpose.
 */
const todo = /\bTODO\b/;
const documentationDomain = /@(?:[^@\s]+\.)?(?:example\.(?:com|net|org)|[^@\s.]+\.example)$/i;

export function placeholderProblems(file: string, definition: unknown): InputError[] {
  const problems: InputError[] = [];
  const visit = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === "string") {
      const message = todo.test(value)
        ? `"${value}" is the scaffold's placeholder: write the real value`
        : documentationDomain.test(value)
          ? `"${value}" is at a domain reserved for documentation (RFC 2606): no one reads mail sent there; write the address that answers this tenant's alerts`
          : undefined;
      if (message) problems.push({ file, path: formatPath(path), message });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        // A TODO tag key is as unfinished as a TODO value.
        if (todo.test(key))
          problems.push({
            file,
            path: formatPath([...path, key]),
            message: `the key "${key}" is the scaffold's placeholder: name the real one`,
          });
        visit(item, [...path, key]);
      }
    }
  };
  visit(definition, []);
  return problems;
}
