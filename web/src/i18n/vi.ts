// The dashboard's Vietnamese texts: every key of en.ts (the type makes a missing one a typecheck error).
import type { Dictionary } from "./en";

export const vi: Dictionary = {
  common: {
    loading: "Đang tải…",
    retry: "Thử lại",
    save: "Lưu",
    cancel: "Hủy",
    close: "Đóng",
    language: "Ngôn ngữ",
  },
  nav: {
    signOut: "Đăng xuất",
    skipToContent: "Chuyển đến nội dung",
    home: "Trang chủ ValuePulse",
  },
};
