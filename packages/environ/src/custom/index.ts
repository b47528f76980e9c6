/**
 * Checking the custom sections Weft knows: `name` and
 * `metadata.code.branch_hint`. Engines must ignore custom sections, so
 * nothing here makes a module invalid: `parseModule` accepts a module
 * whatever its custom sections hold, and this separate pass only reports
 * what is wrong with them (for tools, and for the testsuite's
 * `assert_malformed_custom` / `assert_invalid_custom`).
 */
import { CompileError } from '../errors.js';
import type { ModuleInfo } from '../module.js';
import { BRANCH_HINT_SECTION, checkBranchHints, decodeBranchHints } from './branch-hints.js';
import { checkNameSection, decodeNameSection } from './names.js';

/**
 * The problems of `module`'s known custom sections, with the reference
 * interpreter's messages: first every decoding error (`malformed` true: the
 * section is not well-formed), then every validation error (`malformed`
 * false: well-formed, but wrong for this module, such as an index out of
 * range), each list in section order, at most one per section. Empty if all
 * is well. Other custom sections are not looked at.
 */
export function checkCustomSections(module: ModuleInfo): CompileError[] {
  const malformed: CompileError[] = [];
  const invalid: CompileError[] = [];
  for (const section of module.customSections) {
    try {
      if (section.name === 'name') {
        const e = checkNameSection(module, decodeNameSection(module, section));
        if (e !== null) invalid.push(e);
      } else if (section.name === BRANCH_HINT_SECTION) {
        const e = checkBranchHints(decodeBranchHints(module, section));
        if (e !== null) invalid.push(e);
      }
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      malformed.push(e);
    }
  }
  return [...malformed, ...invalid];
}

/**
 * Like {@link checkCustomSections}, but throws the first problem.
 *
 * @throws {CompileError} for a malformed or invalid known custom section.
 */
export function validateCustomSections(module: ModuleInfo): void {
  const first = checkCustomSections(module)[0];
  if (first !== undefined) throw first;
}
