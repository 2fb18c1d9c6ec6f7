// A small modal question (native <dialog>, showModal): focus moves into it and stays there; Escape or Cancel answers no.
// Mounted while it is asked; `onAnswer` unmounts it.
import { onCleanup, onMount, type JSX } from "solid-js";
import { t } from "../../i18n";

export function ConfirmDialog(props: {
  title: string;
  children: JSX.Element;
  confirm: string;
  /** Sent with the form: a dialog that asks for a value puts its inputs in `children`. */
  onAnswer: (yes: boolean, form?: HTMLFormElement) => void;
  danger?: boolean;
  busy?: boolean;
  testid?: string;
}) {
  let dialog!: HTMLDialogElement;
  onMount(() => {
    if (!dialog.open) dialog.showModal();
  });
  onCleanup(() => dialog.open && dialog.close());
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby="confirm-title"
      data-testid={props.testid}
      onCancel={(e) => {
        e.preventDefault();
        props.onAnswer(false);
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onAnswer(true, e.currentTarget);
        }}
      >
        <h2 id="confirm-title">{props.title}</h2>
        <div class="confirm-body">{props.children}</div>
        <div class="confirm-tools">
          <button type="button" class="btn" onClick={() => props.onAnswer(false)}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="btn" classList={{ "btn-primary": !props.danger, "btn-danger": !!props.danger }} disabled={props.busy}>
            {props.confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}
