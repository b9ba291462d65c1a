/**
 * The buttons a composed message carries, as Telegram takes them (callback buttons only). The app
 * builds these for the outbox without knowing grammY; grammY's own types accept them as they are.
 */
export interface CallbackButton {
  text: string;
  callback_data: string;
}

export interface CallbackKeyboard {
  inline_keyboard: CallbackButton[][];
}
