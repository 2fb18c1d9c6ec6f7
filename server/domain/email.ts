// A plausible email address: what imports and store webhooks accept before recording a customer.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isEmail = (text: string) => text.length <= 320 && EMAIL.test(text);
