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
