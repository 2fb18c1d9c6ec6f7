// Customers and their purchases (with items and sender-chosen properties).
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const customers = sqliteTable(
  "customers",
  {
    id: text("id").primaryKey(),
    /** Lower-cased: one customer per address. */
    email: text("email").notNull().unique(),
    name: text("name"),
    locale: text("locale").notNull(),
    unsubscribedAt: integer("unsubscribed_at"),
    createdAt: integer("created_at").notNull(),
  },
  // Outgoing webhooks and the Delighted API list unsubscribes by time.
  (t) => [index("customers_unsubscribed_idx").on(t.unsubscribedAt)],
);

export const purchases = sqliteTable(
  "purchases",
  {
    id: text("id").primaryKey(),
    /** The shop's order id: purchases are idempotent on it. */
    orderId: text("order_id").notNull().unique(),
    customerId: text("customer_id").notNull().references(() => customers.id),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    channel: text("channel"),
    purchasedAt: integer("purchased_at").notNull(),
    fulfilledAt: integer("fulfilled_at"),
    /** Hash of the canonical request: the same id with other content is a conflict. */
    contentHash: text("content_hash").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("purchases_customer_idx").on(t.customerId)],
);

export const purchaseItems = sqliteTable(
  "purchase_items",
  {
    id: text("id").primaryKey(),
    purchaseId: text("purchase_id").notNull().references(() => purchases.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    sku: text("sku"),
    name: text("name").notNull(),
    category: text("category"),
  },
  (t) => [index("purchase_items_purchase_idx").on(t.purchaseId)],
);

/** Properties sent with a survey request through the Delighted-compatible API, returned as `person_properties`. */
export const purchaseProperties = sqliteTable("purchase_properties", {
  purchaseId: text("purchase_id").primaryKey().references(() => purchases.id, { onDelete: "cascade" }),
  /** Free-form keys chosen by the sender: JSON by design. */
  properties: text("properties", { mode: "json" }).notNull().$type<Record<string, string>>(),
});

/** Delighted's person ids of imported people, so a survey_responses.json that names only the person id finds them. */
export const delightedPeople = sqliteTable("delighted_people", {
  personId: text("person_id").primaryKey(),
  customerId: text("customer_id").notNull().references(() => customers.id, { onDelete: "cascade" }),
});
