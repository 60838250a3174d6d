/**
 * IAM wildcard patterns (`*` any run of characters, `?` one character), in time linear in the
 * pattern: a pattern first loses its repeated stars, and a pattern needing more literal characters
 * than the longest string it could meet is refused before any matching. No regular expression is
 * built from input (a 1 MB pattern must not become a 1 MB regex).
 */

/** The longest ARN IAM accepts; also bounds the patterns worth matching. */
export const maxArnLength = 2048;

interface Compiled {
  chars: string;
  /** Number of non-`*` characters: the shortest string the pattern matches. */
  minLength: number;
}

function compile(pattern: string, ignoreCase: boolean): Compiled {
  const source = ignoreCase ? pattern.toLowerCase() : pattern;
  // `a**b` is `a*b`; a regular-expression replace is linear and native.
  const chars = source.includes("**") ? source.replace(/\*{2,}/g, "*") : source;
  let stars = 0;
  for (let index = chars.indexOf("*"); index !== -1; index = chars.indexOf("*", index + 1)) stars++;
  return { chars, minLength: chars.length - stars };
}

const hasWildcard = (chars: string): boolean => chars.includes("*") || chars.includes("?");

/** `globMatch` with the pattern compiled once, for matching it against many texts. */
export function globMatcher(
  pattern: string,
  options: { ignoreCase?: boolean } = {},
): (text: string) => boolean {
  const ignoreCase = options.ignoreCase ?? false;
  const compiled = compile(pattern, ignoreCase);
  return (text) => matchCompiled(compiled, ignoreCase ? text.toLowerCase() : text, false);
}

/**
 * Whether `text` matches the wildcard `pattern`. With `wildText`, a `*` in `text` stands for any
 * run of characters and only a `*` of the pattern may read it: the match then says that the pattern
 * covers every string the text stands for (`arn:aws:bedrock:*` covers `arn:aws:bedrock:*::foundation-model/*`).
 */
export function globMatch(
  pattern: string,
  text: string,
  options: { ignoreCase?: boolean; wildText?: boolean } = {},
): boolean {
  const ignoreCase = options.ignoreCase ?? false;
  return matchCompiled(
    compile(pattern, ignoreCase),
    ignoreCase ? text.toLowerCase() : text,
    options.wildText ?? false,
  );
}

function matchCompiled({ chars: p, minLength }: Compiled, t: string, wildText: boolean): boolean {
  if (minLength > t.length) return false;
  // Greedy matching with one backtrack point (the last `*`): O(|p| * |t|), and |p| <= 2|t| + 1 here.
  let pi = 0;
  let ti = 0;
  let starAt = -1;
  let starText = 0;
  while (ti < t.length) {
    if (
      pi < p.length &&
      ((p[pi] === "?" && !(wildText && t[ti] === "*")) || (p[pi] !== "*" && p[pi] === t[ti]))
    ) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === "*") {
      starAt = pi++;
      starText = ti;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      ti = ++starText;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}

/**
 * A wildcard template of ours: `*` stands for any run of characters of the class `wildcards[n]`
 * (a regular-expression class such as `[a-z0-9-]`, for the n-th `*`), so that
 * `arn:*:bedrock:*::foundation-model/*` can say that a region holds no `/`.
 */
export interface Template {
  text: string;
  wildcards: readonly string[];
}

interface CompiledTemplate {
  /** Per template position: the class a `*` there accepts, or undefined for a literal. */
  accepts: Array<RegExp | undefined>;
  /** The whole template as an anchored expression, to test literal patterns in one linear pass. */
  whole: RegExp;
}

const compiledTemplates = new WeakMap<Template, CompiledTemplate>();

function compileTemplate(template: Template): CompiledTemplate {
  let compiled = compiledTemplates.get(template);
  if (!compiled) {
    let wildcard = 0;
    const accepts: Array<RegExp | undefined> = [];
    let whole = "^";
    for (const char of template.text) {
      if (char === "*") {
        const charClass = template.wildcards[wildcard++] ?? "[^]";
        accepts.push(new RegExp(`^${charClass}$`));
        whole += `${charClass}*`;
      } else {
        accepts.push(undefined);
        whole += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      }
    }
    compiled = { accepts, whole: new RegExp(`${whole}$`) };
    compiledTemplates.set(template, compiled);
  }
  return compiled;
}

/**
 * Whether some string of at most `maxArnLength` literal characters matches both `pattern` (from
 * input; `*` and `?` match anything) and `template`. Simulates both at once: the set of template
 * positions still possible after each pattern character. O(|pattern| * |template|), and |pattern|
 * is bounded by the literal-length check.
 */
export function globsOverlap(pattern: string, template: Template): boolean {
  const { chars: p, minLength } = compile(pattern, false);
  if (minLength > maxArnLength) return false;
  const { accepts, whole } = compileTemplate(template);
  if (!hasWildcard(p)) return whole.test(p);
  const t = template.text;
  const m = t.length;
  let states = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  states[0] = 1;
  closeOverStars(states, t);
  for (let index = 0; index < p.length; index++) {
    const c = p[index];
    next.fill(0);
    let any = false;
    if (c === "*") {
      // The pattern's star reads any string, so the template may advance to any later position.
      let from = 0;
      while (from <= m && !states[from]) from++;
      for (let j = from; j <= m; j++) next[j] = 1;
      any = from <= m;
    } else {
      for (let j = 0; j < m; j++) {
        if (!states[j]) continue;
        const accept = accepts[j];
        if (accept) {
          // A template wildcard stays put while it reads a character of its class (`?` may be one).
          if (c === "?" || accept.test(c)) {
            next[j] = 1;
            any = true;
          }
        } else if (c === "?" || t[j] === c) {
          next[j + 1] = 1;
          any = true;
        }
      }
    }
    if (!any) return false;
    closeOverStars(next, t);
    [states, next] = [next, states];
  }
  return states[m] === 1;
}

/** A template `*` may match the empty string: position j holding `*` also allows j + 1. */
function closeOverStars(states: Uint8Array, template: string): void {
  for (let j = 0; j < template.length; j++) {
    if (states[j] && template[j] === "*") states[j + 1] = 1;
  }
}

/**
 * IAM policy variables (`${aws:PrincipalTag/team}`) are filled in per request, so a pattern holding
 * one can match whatever the variable holds: `*` where a pattern grants (it may reach anything), and
 * a character no ARN holds where a pattern excludes or restricts (it cannot be relied on to exclude).
 * `${*}`, `${?}` and `${$}` are IAM's escapes for the literal characters; `?` stands for each.
 * IAM documents: reference_policies_variables.
 */
export function withVariables(pattern: string, as: "wildcard" | "nothing"): string {
  if (!pattern.includes("${")) return pattern;
  return pattern.replace(variablePattern, (variable) =>
    variable === "${*}" || variable === "${?}" || variable === "${$}"
      ? "?"
      : as === "wildcard"
        ? "*"
        : "\u0000",
  );
}

// Compiled once: `${` up to the next `}` (no nesting in IAM), linear.
const variablePattern = /\$\{[^}]*\}/g;

/**
 * ARN patterns as IAM matches them: each of the six `:`-separated parts separately (the resource
 * part keeps any further `:`), wildcards never crossing a part. A pattern with fewer parts whose
 * last part ends in `*` stands for that `*` in every missing part; a bare `*` matches every ARN.
 */
function arnParts(text: string): string[] | undefined {
  const parts: string[] = [];
  let from = 0;
  for (let part = 0; part < 5; part++) {
    const colon = text.indexOf(":", from);
    if (colon === -1) {
      parts.push(text.slice(from));
      if (!text.endsWith("*")) return undefined;
      while (parts.length < 6) parts.push("*");
      return parts;
    }
    parts.push(text.slice(from, colon));
    from = colon + 1;
  }
  parts.push(text.slice(from));
  return parts;
}

const templateParts = new WeakMap<Template, Template[]>();

function partsOfTemplate(template: Template): Template[] {
  let parts = templateParts.get(template);
  if (!parts) {
    let wildcard = 0;
    parts = arnParts(template.text)!.map((text) => {
      const stars = text.split("*").length - 1;
      const part = { text, wildcards: template.wildcards.slice(wildcard, wildcard + stars) };
      wildcard += stars;
      return part;
    });
    templateParts.set(template, parts);
  }
  return parts;
}

/** Whether some ARN matches both the IAM `pattern` and the `template`, part by part. */
export function arnOverlaps(pattern: string, template: Template): boolean {
  if (/^\*+$/.test(pattern)) return true;
  const parts = arnParts(pattern);
  if (!parts) return false;
  const wanted = partsOfTemplate(template);
  return parts.every((part, index) => globsOverlap(part, wanted[index]));
}

/** Whether the IAM `pattern` matches every ARN the template text (`*` = any run within a part) stands for. */
export function arnCovers(pattern: string, templateText: string): boolean {
  if (/^\*+$/.test(pattern)) return true;
  const parts = arnParts(pattern);
  const wanted = arnParts(templateText);
  if (!parts || !wanted) return false;
  return parts.every((part, index) => globMatch(part, wanted[index], { wildText: true }));
}
