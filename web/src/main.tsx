// Dashboard entry: routes, with every page but /login inside the signed-in layout.
import { Navigate, Route, Router } from "@solidjs/router";
import { ErrorBoundary } from "solid-js";
import { render } from "solid-js/web";
import { ErrorNote } from "./components/ErrorNote";
import { Layout } from "./components/Layout";
import { Delivery } from "./pages/Delivery";
import { AlertRules } from "./pages/AlertRules";
import { ApiReference } from "./pages/ApiReference";
import { Data } from "./pages/Data";
import { Keys } from "./pages/Keys";
import { Analytics } from "./pages/Analytics";
import { Live } from "./pages/Live";
import { Login } from "./pages/Login";
import { Mailbox } from "./pages/Mailbox";
import { NotFound } from "./pages/NotFound";
import { TemplateEditor } from "./pages/TemplateEditor";
import { Templates } from "./pages/Templates";
import { Suppressions } from "./pages/Suppressions";
import { Webhooks } from "./pages/Webhooks";
import { Audit } from "./pages/Audit";
import { Privacy } from "./pages/Privacy";
import { Sessions } from "./pages/Sessions";
import { SetPassword } from "./pages/SetPassword";
import { Users } from "./pages/Users";
import "./styles.css";

render(
  () => (
    <ErrorBoundary fallback={(err, reset) => <main class="page"><ErrorNote error={err} retry={reset} /></main>}>
      <Router>
        <Route path="/login" component={Login} />
        <Route path="/set-password" component={SetPassword} />
        <Route path="/" component={Layout}>
          <Route path="/" component={() => <Navigate href="/live" />} />
          <Route path="/live" component={Live} />
          <Route path="/mailbox" component={Mailbox} />
          <Route path="/keys" component={Keys} />
          <Route path="/users" component={Users} />
          <Route path="/sessions" component={Sessions} />
          <Route path="/audit" component={Audit} />
          <Route path="/privacy" component={Privacy} />
          <Route path="/analytics" component={Analytics} />
          <Route path="/templates" component={Templates} />
          <Route path="/templates/:id" component={TemplateEditor} />
          <Route path="/delivery" component={Delivery} />
          <Route path="/suppressions" component={Suppressions} />
          <Route path="/alerts" component={AlertRules} />
          <Route path="/data" component={Data} />
          <Route path="/webhooks" component={Webhooks} />
          <Route path="/api-reference" component={ApiReference} />
          <Route path="*404" component={NotFound} />
        </Route>
      </Router>
    </ErrorBoundary>
  ),
  document.getElementById("root")!,
);
