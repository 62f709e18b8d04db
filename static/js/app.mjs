// GOV.UK Frontend's components only enhance pages that already work without it.
import { initAll } from "../build/js/govuk-frontend.min.js";
import { initTimeoutWarning } from "./timeout-warning.mjs";

initAll();
initTimeoutWarning(document.getElementById("timeout-dialog"));
