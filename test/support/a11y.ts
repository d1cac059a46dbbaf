import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) in the page and returns what it finds. The script is evaluated
 * through the DevTools protocol, which the page's Content-Security-Policy does not restrict.
 */
export async function axeViolations(page: Page, selector?: string): Promise<AxeViolation[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const started = Date.now();
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: AxeRunner }).axe;
    const result = await axe.run(selector ? { include: [selector] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  }, selector);
  if (process.env.AXE_TIMING) console.log(`axe ${selector ?? 'document'}: ${Date.now() - started} ms`);
  return violations;
}

interface AxeRunner {
  run(
    context: Document | { include: string[] },
    options: object,
  ): Promise<{
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  }>;
}
