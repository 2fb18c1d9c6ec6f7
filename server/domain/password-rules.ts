// Staff password rules, defined once: the server checks them and the dashboard states them before anyone types.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
