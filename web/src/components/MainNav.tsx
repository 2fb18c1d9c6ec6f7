// The header's navigation: five groups as disclosure menus (a button with aria-expanded over its links; Escape,
// a click elsewhere or focus leaving closes it), and on a phone one Menu button that opens the whole panel.
import { A, useLocation } from "@solidjs/router";
import { createEffect, createSignal, For, onCleanup, onMount, Show, type JSX } from "solid-js";
import type { User } from "../api";
import { t } from "../i18n";
import { groupOf, navFor, type NavGroup } from "../nav";

export function MainNav(props: { role?: User["role"]; children: JSX.Element }) {
  const location = useLocation();
  const [open, setOpen] = createSignal<string>();
  const [panelOpen, setPanelOpen] = createSignal(false);
  let root!: HTMLDivElement;
  let toggle!: HTMLButtonElement;

  const closeAll = () => {
    setOpen(undefined);
    setPanelOpen(false);
  };
  // Going to a page closes whatever menu led there (a link to the page already shown too: see Group's onClick).
  createEffect(() => {
    location.pathname;
    closeAll();
  });

  const onKey = (e: KeyboardEvent) => {
    if (e.key !== "Escape") return;
    const group = open();
    if (panelOpen()) {
      // On a phone Escape closes the whole panel, back to the Menu button.
      closeAll();
      toggle.focus();
    } else if (group) {
      setOpen(undefined);
      root.querySelector<HTMLButtonElement>(`#nav-button-${group}`)?.focus();
    }
  };
  const onPointer = (e: PointerEvent) => {
    if (!root.contains(e.target as Node)) {
      setOpen(undefined);
      setPanelOpen(false);
    }
  };
  onMount(() => {
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
  });
  onCleanup(() => {
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("pointerdown", onPointer);
  });

  return (
    <div class="nav-root" ref={root}>
      <A href="/live" class="brand" aria-label={t("nav.home")}>
        <svg viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="currentColor" />
          <path d="M5 17h6l3-7 4 13 3-6h6" fill="none" stroke="white" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
        <span>ValuePulse</span>
      </A>
      <button
        type="button"
        class="btn btn-ghost menu-toggle"
        ref={toggle}
        aria-expanded={panelOpen()}
        aria-controls="main-menu"
        onClick={() => {
          // The phone's panel opens on the group of the page shown, so "where am I" is answered at once.
          if (!panelOpen()) setOpen(groupOf(location.pathname));
          setPanelOpen(!panelOpen());
        }}
      >
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        {t("nav.menu")}
      </button>
      <div id="main-menu" class="menu" classList={{ open: panelOpen() }}>
        <nav aria-label={t("nav.main")}>
          <ul class="nav-groups">
            <Show when={props.role} fallback={<NavPlaceholders />}>
              {(role) => (
                <For each={navFor(role())}>
                  {(group) => (
                    <Group group={group} open={open() === group.id} current={groupOf(location.pathname) === group.id} setOpen={(o) => setOpen(o ? group.id : undefined)} onFollow={closeAll} />
                  )}
                </For>
              )}
            </Show>
          </ul>
        </nav>
        {props.children}
      </div>
    </div>
  );
}

/** Grey bars where the groups will be, before the user's role is known (first load in this tab). */
function NavPlaceholders() {
  return (
    <For each={[5.5, 5, 5, 6.5, 5]}>
      {(width) => (
        <li class="nav-placeholder" aria-hidden="true">
          <span class="skeleton" style={{ width: `${width}rem` }} />
        </li>
      )}
    </For>
  );
}

function Group(props: { group: NavGroup; open: boolean; current: boolean; setOpen: (open: boolean) => void; onFollow: () => void }) {
  // Tabbing out of an open menu closes it, so a keyboard user never leaves one hanging over the page.
  const onFocusOut = (e: FocusEvent) => {
    const li = e.currentTarget as HTMLElement;
    if (props.open && !li.contains(e.relatedTarget as Node | null)) props.setOpen(false);
  };
  return (
    <li class="nav-group" onFocusOut={onFocusOut}>
      <button
        type="button"
        id={`nav-button-${props.group.id}`}
        class="nav-button"
        classList={{ current: props.current }}
        aria-expanded={props.open}
        aria-controls={`nav-list-${props.group.id}`}
        onClick={() => props.setOpen(!props.open)}
      >
        {t(props.group.label)}
        <svg class="chevron" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
          <path d="M3 4.5l3 3 3-3" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </button>
      <ul id={`nav-list-${props.group.id}`} class="nav-list" hidden={!props.open}>
        <For each={props.group.pages}>
          {(page) => (
            <li>
              <A href={page.href} activeClass="active" end={page.href === "/live"} onClick={props.onFollow}>
                {t(page.label)}
              </A>
            </li>
          )}
        </For>
      </ul>
    </li>
  );
}
