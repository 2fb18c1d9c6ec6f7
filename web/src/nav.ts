// The dashboard's navigation: pages in five groups, each page shown to the roles whose API calls it needs
// (the vocabulary's ROLES_WHO_MAY, which the routes read too; test/api/authorization-matrix.test.ts is the server's side).
import type { User } from "./api";
import type { TextKey } from "./i18n";
import { ROLES_WHO_MAY } from "../../server/domain/vocabulary";

type Role = User["role"];
export type NavPage = { href: string; label: TextKey; roles: readonly Role[] };
export type NavGroup = { id: string; label: TextKey; pages: readonly NavPage[] };

const ALL: readonly Role[] = ROLES_WHO_MAY.read;
const ADMIN: readonly Role[] = ROLES_WHO_MAY.administer;

export const NAV: readonly NavGroup[] = [
  {
    id: "feedback",
    label: "nav.groups.feedback",
    pages: [
      { href: "/live", label: "nav.pages.live", roles: ALL },
      { href: "/analytics", label: "nav.pages.analytics", roles: ALL },
    ],
  },
  {
    id: "surveys",
    label: "nav.groups.surveys",
    pages: [
      { href: "/templates", label: "nav.pages.templates", roles: ALL },
      { href: "/alerts", label: "nav.pages.alerts", roles: ALL },
    ],
  },
  {
    id: "delivery",
    label: "nav.groups.delivery",
    pages: [
      // Viewers may not list invitations; suppressions are support's and admins'; the dev mailbox holds customers' emails.
      { href: "/delivery", label: "nav.pages.delivery", roles: ROLES_WHO_MAY.seeDelivery },
      { href: "/suppressions", label: "nav.pages.suppressions", roles: ROLES_WHO_MAY.handleCases },
      { href: "/mailbox", label: "nav.pages.mailbox", roles: ADMIN },
    ],
  },
  {
    id: "integrations",
    label: "nav.groups.integrations",
    pages: [
      // Every role may export responses; imports are admins' (the page shows each part to whom it may use it).
      { href: "/data", label: "nav.pages.data", roles: ALL },
      { href: "/webhooks", label: "nav.pages.webhooks", roles: ADMIN },
      { href: "/keys", label: "nav.pages.keys", roles: ADMIN },
      { href: "/api-reference", label: "nav.pages.apiReference", roles: ALL },
    ],
  },
  {
    id: "settings",
    label: "nav.groups.settings",
    pages: [
      { href: "/users", label: "nav.pages.users", roles: ADMIN },
      { href: "/audit", label: "nav.pages.audit", roles: ADMIN },
      { href: "/privacy", label: "nav.pages.privacy", roles: ADMIN },
      { href: "/sessions", label: "nav.pages.sessions", roles: ALL },
    ],
  },
];

/** The groups as `role` sees them: only its pages, and no group left empty. */
export function navFor(role: Role): NavGroup[] {
  return NAV.map((g) => ({ ...g, pages: g.pages.filter((p) => p.roles.includes(role)) })).filter((g) => g.pages.length > 0);
}

/** The group holding the page at `path` (a page's sub-paths too: /templates/123 is under Templates). */
export const groupOf = (path: string) => NAV.find((g) => g.pages.some((p) => path === p.href || path.startsWith(`${p.href}/`)))?.id;
