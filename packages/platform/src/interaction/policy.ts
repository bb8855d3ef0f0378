import type { FormParams } from '../http/form.js';
import type { Flash } from '../store/interactions.js';
import type { Flow } from './flow.js';
import { claimPasswordStep } from './steps/claim-password.js';
import { consentStep } from './steps/consent.js';
import { loginStep } from './steps/login.js';
import { profileStep } from './steps/profile.js';
import { secondFactorStep } from './steps/second-factor.js';

/** One page of the hosted flow: whether it is done, how it looks, and what its form does. */
export interface Step {
  readonly name: string;
  done(flow: Flow): Promise<boolean> | boolean;
  render(flow: Flow, flash: Flash | null): Promise<string>;
  submit(flow: Flow, form: FormParams): Promise<void>;
  /**
   * Back to this step once it is done (issue 13): `revisit` true shows it again and applies its form (a
   * choice nothing has used yet); otherwise `whenDone` explains why it cannot be taken again.
   */
  revisit?(flow: Flow): boolean;
  whenDone?: { title: string; message: string };
}

/**
 * The hosted flow (contract §4), declared: the first step not yet done is the page shown. A platform
 * session marks login and 2FA done; a claim (contract §7) begins with choosing a password instead of logging in.
 */
export const POLICY: readonly Step[] = [
  claimPasswordStep,
  loginStep,
  secondFactorStep,
  profileStep,
  consentStep,
];

export async function currentStep(flow: Flow): Promise<Step | null> {
  for (const step of POLICY) if (!(await step.done(flow))) return step;
  return null;
}

/** Where the flow is: its current step's page, or the callback that finishes it. */
export async function currentPath(flow: Flow): Promise<string> {
  const step = await currentStep(flow);
  return step ? flow.paths.step(step.name) : flow.paths.callback;
}

/** Whether `name` comes before `than` in the policy (an unknown name comes before nothing). */
export function isBefore(name: string, than: Step | null): boolean {
  const at = POLICY.findIndex((s) => s.name === name);
  return at >= 0 && (than === null || at < POLICY.indexOf(than));
}

export const stepNamed = (name: string): Step | undefined => POLICY.find((s) => s.name === name);
