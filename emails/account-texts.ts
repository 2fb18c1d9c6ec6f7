// Strings of the account emails (invitation to join, password reset), per locale; kept apart from i18n.ts
// so survey texts and account texts change independently. A missing Vietnamese key is a type error.
import type { Locale } from "../server/domain/template-content";
import type { Role } from "../server/domain/vocabulary";
import { interpolate } from "./i18n";

const en = {
  "invite.subject": "You are invited to ValuePulse",
  "invite.greeting": "Hello,",
  "invite.body": "{inviter} invited you to ValuePulse as {role}.",
  "invite.action": "Set your password",
  "invite.expires": "This link works once and expires in {days} days.",
  "invite.ignore": "If you did not expect this invitation, ignore this email.",
  "reset.subject": "Reset your ValuePulse password",
  "reset.greeting": "Hello,",
  "reset.body": "Someone (hopefully you) asked to reset the password of your ValuePulse account.",
  "reset.action": "Choose a new password",
  "reset.expires": "This link works once and expires in {minutes} minutes. Setting a new password signs you out everywhere.",
  "reset.ignore": "If you did not ask for this, ignore this email: your password stays the same.",
  "role.admin": "an admin",
  "role.marketer": "a marketer",
  "role.support": "a support lead",
  "role.viewer": "a viewer",
};

type Key = keyof typeof en;

const vi: { readonly [K in Key]: string } = {
  "invite.subject": "Bạn được mời tham gia ValuePulse",
  "invite.greeting": "Xin chào,",
  "invite.body": "{inviter} đã mời bạn tham gia ValuePulse với vai trò {role}.",
  "invite.action": "Đặt mật khẩu",
  "invite.expires": "Liên kết này chỉ dùng được một lần và hết hạn sau {days} ngày.",
  "invite.ignore": "Nếu bạn không mong đợi lời mời này, hãy bỏ qua email này.",
  "reset.subject": "Đặt lại mật khẩu ValuePulse",
  "reset.greeting": "Xin chào,",
  "reset.body": "Có người (hy vọng là bạn) đã yêu cầu đặt lại mật khẩu tài khoản ValuePulse của bạn.",
  "reset.action": "Chọn mật khẩu mới",
  "reset.expires": "Liên kết này chỉ dùng được một lần và hết hạn sau {minutes} phút. Đặt mật khẩu mới sẽ đăng xuất bạn khỏi mọi thiết bị.",
  "reset.ignore": "Nếu bạn không yêu cầu điều này, hãy bỏ qua email này: mật khẩu của bạn không thay đổi.",
  "role.admin": "quản trị viên",
  "role.marketer": "nhân viên marketing",
  "role.support": "trưởng nhóm hỗ trợ",
  "role.viewer": "người xem",
};

const dictionaries: Record<Locale, { readonly [K in Key]: string }> = { en, vi };

export function accountText(locale: Locale, key: Key, vars: Record<string, string | number> = {}): string {
  return interpolate(dictionaries[locale][key], vars);
}

export type AccountRole = Role;
