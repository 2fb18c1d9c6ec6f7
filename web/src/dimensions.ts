// The breakdown dimensions in the order the dashboard offers them (the sales channel, its default, first): one list
// for the Live page's breakdown and the comparison panel; test/unit/vocabulary.test.ts holds it to the vocabulary's.
import type { BreakdownDimension } from "../../server/domain/vocabulary";

export const BREAKDOWN_CHOICES = ["channel", "category", "locale", "template"] as const satisfies readonly BreakdownDimension[];
