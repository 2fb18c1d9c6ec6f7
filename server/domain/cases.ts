// The closed loop's vocabulary: where a response stands as a support case, and which answers open one by themselves.
import { CASE_STATUSES, type CaseStatus } from "./vocabulary";

/** The case statuses are part of the vocabulary (what each means is said there). */
export { CASE_STATUSES, type CaseStatus };

/** What a lead may set: a case is opened, started or closed, never made to have not existed. */
export const SETTABLE_CASE_STATUSES = ["open", "in_progress", "closed"] as const satisfies readonly CaseStatus[];

/** A detractor (0–6) opens a case by itself, as does any alert a rule raises. */
export const CASE_MAX_SCORE = 6;

export function opensCase(score: number | null, raisedAlert: boolean): boolean {
  return raisedAlert || (score !== null && score <= CASE_MAX_SCORE);
}

/**
 * The status after a lead's change. Assigning a case nobody started (or a response with no case yet)
 * starts it; an explicit status wins.
 */
export function nextCaseStatus(current: CaseStatus, change: { status?: CaseStatus; assigned: boolean }): CaseStatus {
  if (change.status !== undefined) return change.status;
  if (change.assigned && (current === "none" || current === "open")) return "in_progress";
  return current;
}
