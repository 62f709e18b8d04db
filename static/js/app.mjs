// GOV.UK Frontend's components only enhance pages that already work without it.
import { initAll } from "../build/js/govuk-frontend.min.js";

initAll();
