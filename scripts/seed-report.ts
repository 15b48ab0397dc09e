// Console output of `npm run seed`: progress while it generates, then the summary.
import { ProgressReporter, type SeedSummary, type SignInExamples } from '../seed/index.ts';

/** Creates a progress reporter on stdout: a redrawn bar on a terminal, ten plain lines in CI. */
export function progressOnStdout(total: number): ProgressReporter {
  return new ProgressReporter(total, {
    isTTY: process.stdout.isTTY === true,
    write: (text) => process.stdout.write(text),
    now: () => performance.now(),
  });
}

/** Prints patients, rows by table, the hard cases present and missing, and the seconds taken. */
export function printSummary(summary: SeedSummary, seconds: number): void {
  console.log(`Generated ${summary.patients} patients in ${seconds} s. Rows by table:`);
  for (const [table, count] of Object.entries(summary.rows)) {
    console.log(`  ${table.padEnd(20)} ${String(count).padStart(9)}`);
  }

  const present = summary.hardCases.filter((hardCase) => hardCase.present).length;
  console.log(`Hard cases present: ${present} of ${summary.hardCases.length}`);
  for (const hardCase of summary.hardCases) {
    console.log(`  ${hardCase.present ? 'yes' : 'no '}  ${hardCase.label}`);
  }
}

export function printSignIn(examples: SignInExamples): void {
  console.log('Sign in with:');
  console.log(`  a patient:               ${examples.patientEmail ?? '(none: too few patients)'}`);
  const children =
    examples.parentChildren.length > 0 ? ` (${examples.parentChildren.join(', ')})` : '';
  console.log(
    `  a parent with children:  ${examples.parentEmail ?? '(none: too few patients)'}${children}`,
  );
  console.log(`  a staff member:          ${examples.staffEmail ?? '(none)'}`);
  for (const role of examples.roles ?? []) console.log(`  ${role.label}: ${role.email}`);
}
