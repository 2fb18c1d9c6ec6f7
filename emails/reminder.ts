// The one reminder email: the invitation's layout and score links, with the template's reminder subject and intro. Edge-safe.
import { renderInvitation, type InvitationModel, type RenderedEmail } from "./invitation";

export type ReminderModel = InvitationModel;

export function renderReminder(model: ReminderModel): RenderedEmail {
  const { email } = model.content;
  return renderInvitation({ ...model, content: { ...model.content, email: { ...email, subject: email.reminderSubject, intro: email.reminderIntro } } });
}
