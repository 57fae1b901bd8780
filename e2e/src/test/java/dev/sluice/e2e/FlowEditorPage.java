package dev.sluice.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The flow editor ({@code /flows/<id>}): canvas and palette, property form, side tabs, save. */
final class FlowEditorPage {

    private final WebDriver driver;

    private FlowEditorPage(WebDriver driver) {
        this.driver = driver;
    }

    static FlowEditorPage of(WebDriver driver) {
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".react-flow__node")));
        return new FlowEditorPage(driver);
    }

    static FlowEditorPage open(WebDriver driver, String baseUrl, long id) {
        driver.get(baseUrl + "/flows/" + id);
        return of(driver);
    }

    private By node(String id) {
        return By.cssSelector(".react-flow__node[data-id='" + id + "']");
    }

    boolean hasNode(String id) {
        return !driver.findElements(node(id)).isEmpty();
    }

    void awaitNode(String id) {
        Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(node(id)));
    }

    void selectNode(String id) {
        // a node still being laid out, or outside a canvas fitted before it was measured (CI saw a new flow's 'log'
        // node stay off screen), refuses the click: fit again when it is out of sight and try until it takes it
        Browser.waitFor(driver).ignoring(ElementNotInteractableException.class).until(d -> {
            showOnCanvas(id);
            d.findElement(node(id)).click();
            return true;
        });
        awaitForm(id);
    }

    /** As a user does with a node panned out of sight: Fit, so the whole flow is on screen. */
    private void showOnCanvas(String id) {
        Object visible = ((JavascriptExecutor) driver).executeScript(
                "const n = document.querySelector(arguments[0]).getBoundingClientRect();"
                        + "const c = document.querySelector('#flow-canvas .flow-canvas-flow').getBoundingClientRect();"
                        + "return n.left >= c.left && n.right <= c.right && n.top >= c.top && n.bottom <= c.bottom;",
                ".react-flow__node[data-id='" + id + "']");
        if (!Boolean.TRUE.equals(visible)) {
            driver.findElement(By.id("canvas-fit")).click();
            pause(500);
        }
    }

    private void awaitForm(String id) {
        // the form is rebuilt on every selection: read it by script, never through a held element
        Browser.waitFor(driver).ignoring(StaleElementReferenceException.class).until(d -> {
            Object title = ((JavascriptExecutor) d).executeScript(
                    "const t = document.getElementById('node-form-title'); return t ? t.textContent : '';");
            return String.valueOf(title).startsWith(id + " ");
        });
    }

    /** Presses a palette entry: the node is added after the selected one, connected, and selected. */
    void addFromPalette(String kind, String expectedId) {
        driver.findElement(By.cssSelector(".flow-palette-item[data-kind='" + kind + "']")).click();
        awaitNode(expectedId);
        awaitForm(expectedId);
    }

    /** Adds from the palette with the keyboard: focus the entry, press Enter. */
    void addFromPaletteByKeyboard(String kind, String expectedId) {
        driver.findElement(By.cssSelector(".flow-palette-item[data-kind='" + kind + "']")).sendKeys(Keys.ENTER);
        awaitNode(expectedId);
        awaitForm(expectedId);
    }

    /** Drags a palette entry onto the canvas (HTML5 drag and drop, dispatched as the browser would). */
    void dragFromPalette(String kind, String expectedId) {
        ((JavascriptExecutor) driver).executeScript(
                "const item = document.querySelector(\".flow-palette-item[data-kind='\" + arguments[0] + \"']\");"
                        + "const pane = document.querySelector('.flow-canvas-graph');"
                        + "const dt = new DataTransfer();"
                        + "item.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));"
                        + "const r = pane.getBoundingClientRect();"
                        + "const at = {bubbles: true, cancelable: true, dataTransfer: dt,"
                        + "  clientX: r.left + r.width / 2, clientY: r.top + r.height - 80};"
                        + "pane.dispatchEvent(new DragEvent('dragover', at));"
                        + "pane.dispatchEvent(new DragEvent('drop', at));"
                        + "item.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));", kind);
        awaitNode(expectedId);
        awaitForm(expectedId);
    }

    void deleteSelected(String id) {
        driver.findElement(By.id("canvas-delete")).click();
        Browser.waitFor(driver).until(ExpectedConditions.invisibilityOfElementLocated(node(id)));
    }

    /** Undoes the last settled change with the keyboard shortcut, pressed on the canvas. */
    void undoByKeyboard() {
        pause(400);
        driver.findElement(By.cssSelector(".flow-canvas-graph .react-flow__pane")).click();
        new org.openqa.selenium.interactions.Actions(driver).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL)
                .perform();
    }

    void redo() {
        pause(400);
        driver.findElement(By.id("canvas-redo")).click();
    }

    /** Presses Undo on the canvas's toolbar, once the last change settled. */
    void undo() {
        pause(400);
        driver.findElement(By.id("canvas-undo")).click();
    }

    /** The canvas's zoom, from its viewport's transform ({@code translate(..) scale(z)}). */
    double zoom() {
        String transform = driver.findElement(By.cssSelector("#flow-canvas .react-flow__viewport"))
                .getDomAttribute("style");
        java.util.regex.Matcher scale = java.util.regex.Pattern.compile("scale\\(([0-9.]+)\\)").matcher(transform);
        return scale.find() ? Double.parseDouble(scale.group(1)) : Double.NaN;
    }

    /** A node as drawn on the screen: where and how large. */
    org.openqa.selenium.Rectangle nodeBox(String id) {
        return driver.findElement(By.cssSelector(".react-flow__node[data-id='" + id + "'] .sluice-node")).getRect();
    }

    /** The one-line summary of a node's settings, as its node holds it (also when panned out of sight). */
    String nodeSummary(String id) {
        By summary = By.cssSelector(".react-flow__node[data-id='" + id + "'] .sluice-node-summary");
        Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(summary));
        return driver.findElement(summary).getDomProperty("textContent");
    }

    /**
     * Refreshes the Run tab until the node's count ({@code in}, {@code out}, {@code failed}) reaches
     * {@code atLeast}, and returns it.
     */
    long awaitNodeCount(String id, String count, long atLeast) {
        By shown = By.cssSelector(".react-flow__node[data-id='" + id + "'] [data-count='" + count + "']");
        long[] value = {0};
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(40))
                .pollingEvery(java.time.Duration.ofSeconds(1))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.id("refresh-status")).click();
                    pause(300);
                    var found = d.findElements(shown);
                    value[0] = found.isEmpty() ? -1
                            : Long.parseLong(found.getFirst().getDomProperty("textContent").replaceAll("\\D", ""));
                    return value[0] >= atLeast;
                });
        return value[0];
    }

    /** Folds the side panel away, or back, and waits for the canvas to re-centre. */
    void toggleSidePanel() {
        driver.findElement(By.id("toggle-side-panel")).click();
        pause(900);
    }

    /** Folds the palette away, or back, and waits for the canvas to re-centre. */
    void togglePalette() {
        driver.findElement(By.id("palette-toggle")).click();
        pause(900);
    }

    /** The width the canvas's graph takes on the screen. */
    int canvasWidth() {
        return driver.findElement(By.cssSelector("#flow-canvas .flow-canvas-flow")).getRect().getWidth();
    }

    /** Presses "Tidy up" and waits for the layout to settle. */
    void tidyUp() {
        driver.findElement(By.id("canvas-layout")).click();
        pause(700);
    }

    /** A node's left edge on the screen. */
    int nodeX(String id) {
        return driver.findElement(node(id)).getLocation().getX();
    }

    void awaitNodeGone(String id) {
        Browser.waitFor(driver).until(ExpectedConditions.invisibilityOfElementLocated(node(id)));
    }

    /** Picks {@code label} in a choice field of the form ({@code connection}, a secret…). */
    void chooseField(String name, String label) {
        Browser.choose(driver, "field-" + name, label);
        pause(700);
    }

    /** The helper text or hint under a form field. */
    String fieldHint(String name) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
                "const f = document.getElementById(arguments[0]);"
                        + "const h = f && f.querySelector('[slot=helper]'); return h ? h.textContent : (f ? f.helperText : '');",
                "field-" + name));
    }

    /** Types into a form field generated from the config schema, then leaves it so the value is sent. */
    void setField(String name, String value) {
        WebElement field = driver.findElement(By.cssSelector("#field-" + name + " input, #field-" + name + " textarea"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        ((JavascriptExecutor) driver).executeScript(
                "const f = arguments[0]; f.value = arguments[1];"
                        + "f.dispatchEvent(new Event('input', {bubbles: true}));"
                        + "f.dispatchEvent(new Event('change', {bubbles: true}));", field, value);
        field.sendKeys(Keys.TAB);
        pause(700);
    }

    /** Replaces a list of rows (a mask's rules) through its "Edit as JSON" escape, then leaves it so it is sent. */
    void setRowsAsJson(String name, String json) {
        driver.findElement(By.cssSelector("#field-" + name + " .object-rows-mode")).click();
        pause(500);
        WebElement field = driver.findElement(By.cssSelector("#field-" + name + " .object-rows-json textarea"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        ((JavascriptExecutor) driver).executeScript(
                "const f = arguments[0]; f.value = arguments[1];"
                        + "f.dispatchEvent(new Event('input', {bubbles: true}));"
                        + "f.dispatchEvent(new Event('change', {bubbles: true}));", field, json);
        field.sendKeys(Keys.TAB);
        pause(700);
    }

    /**
     * Replaces the text of a code field (CodeMirror) through the browser's text input, as typing or pasting does,
     * then leaves the editor so the text is sent. Text input, unlike key presses, inserts the code as written:
     * no auto-indent or closing brackets added.
     */
    void typeCode(String name, String code) {
        WebElement content = codeContent(name);
        content.click();
        content.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        ((org.openqa.selenium.chromium.ChromiumDriver) driver).executeCdpCommand("Input.insertText",
                java.util.Map.of("text", code));
        content.sendKeys(Keys.TAB);
        pause(700);
    }

    /** Presses keys in a code field as a user does: {@code keys} go to the editor at the cursor. */
    void pressInCode(String name, CharSequence... keys) {
        WebElement content = codeContent(name);
        content.click();
        content.sendKeys(keys);
    }

    /** The text a code field shows. */
    String codeText(String name) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(l => l.textContent).join('\\n');",
                "#field-" + name + " .cm-content .cm-line"));
    }

    /** The line a code field marks as wrong: its lint marker in the gutter and the line the error names. */
    int markedCodeLine(String name) {
        Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#field-" + name + " .cm-lint-marker-error")));
        Object line = ((JavascriptExecutor) driver).executeScript(
                "const host = document.querySelector(arguments[0]);"
                        + "const marked = host.querySelector('.cm-lintRange-error, .cm-lintPoint-error');"
                        + "if (!marked) return 0;"
                        + "const lines = [...host.querySelectorAll('.cm-content .cm-line')];"
                        + "return lines.findIndex(l => l.contains(marked)) + 1;",
                "#field-" + name + " .code-editor-host");
        return ((Number) line).intValue();
    }

    /** Waits until the field shows no error. */
    void awaitFieldValid(String name) {
        Browser.waitFor(driver).until(d -> Boolean.FALSE.equals(((JavascriptExecutor) d).executeScript(
                "const f = document.getElementById(arguments[0]); return !!f && !!f.invalid;", "field-" + name)));
    }

    private WebElement codeContent(String name) {
        Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#field-" + name + " .cm-content")));
        return driver.findElement(By.cssSelector("#field-" + name + " .cm-content"));
    }

    /** Types the value of the pattern builder's rule {@code index} (from 0), then leaves it so it is sent. */
    void setPatternRuleValue(int index, String value) {
        WebElement input = driver.findElements(By.cssSelector("#field-pattern .pattern-rule .pattern-value input"))
                .get(index);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value, Keys.TAB);
        pause(700);
    }

    /** Adds a rule to the filter's pattern builder, as a user does: picks the field, then types the value. */
    void addPatternRule(String field, String value) {
        driver.findElement(By.cssSelector("#field-pattern .pattern-add-rule")).click();
        Browser.waitFor(driver).until(d -> !d.findElements(By.cssSelector("#field-pattern .pattern-rule")).isEmpty());
        java.util.List<WebElement> fields = driver.findElements(
                By.cssSelector("#field-pattern .pattern-rule .pattern-field input"));
        WebElement input = fields.getLast();
        input.click();
        input.sendKeys(field);
        pause(500);
        input.sendKeys(Keys.ENTER, Keys.TAB);
        pause(700);
        setPatternRuleValue(fields.size() - 1, value);
    }

    /** A form field's placeholder: the kind's example, shown while the field is empty. */
    String fieldPlaceholder(String name) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
                "const f = document.getElementById(arguments[0]); return f ? f.placeholder : null;", "field-" + name));
    }

    /** A text field's value. */
    String fieldValue(String name) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
                "const f = document.getElementById(arguments[0]); return f ? f.value : null;", "field-" + name));
    }

    /** Waits for the "Unsaved changes" badge in the header. */
    void awaitUnsavedMarker() {
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("unsaved-marker")));
    }

    /** "← Flows", answering the question about unsaved edits with "Leave". */
    void leaveConfirming() {
        driver.findElement(By.cssSelector(".editor-header a")).click();
        Browser.waitFor(driver).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const c = document.getElementById('confirm-leave'); return !!c && c.opened;")));
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById('confirm-leave').querySelector('[slot=confirm-button]').click();");
        Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("flow-grid")));
    }

    /** The notice over a restored draft, once shown. */
    String draftNotice() {
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("draft-notice")));
        return driver.findElement(By.id("draft-notice")).getText();
    }

    /** Waits until the editor's problem list holds {@code text}. */
    void awaitProblem(String text) {
        openTab("Problems");
        Browser.waitFor(driver).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("problem-list")).getText().contains(text));
    }

    /** Waits until the filter form says how many sample events the pattern keeps, and returns it. */
    String awaitPatternSampleCount(String expected) {
        By count = By.cssSelector("#field-pattern .pattern-sample-count");
        Browser.waitFor(driver).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(count).getText().equals(expected));
        return driver.findElement(count).getText();
    }

    /** The sample events the filter form marks as kept. */
    int keptSamples() {
        return driver.findElements(By.cssSelector("#field-pattern .pattern-sample[data-matched='true']")).size();
    }

    String problemCount() {
        return driver.findElement(By.id("problem-count")).getText();
    }

    String problemList() {
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("problem-list")));
        return driver.findElement(By.id("problem-list")).getText();
    }

    void openTab(String label) {
        driver.findElements(By.cssSelector("#editor-tabs vaadin-tab")).stream()
                .filter(tab -> tab.getText().strip().equals(label))
                .findFirst().orElseThrow().click();
    }

    void awaitValid() {
        openTab("Problems");
        Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("problem-count")));
        Browser.waitFor(driver).until(d -> d.findElement(By.id("problem-count")).getText().contains("valid"));
    }

    String previewSample(String search) {
        openTab("Preview");
        Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview-sample input")));
        return pickAndPreview(search);
    }

    /** Previews the recent event of the flow's source whose label holds {@code search}; the preview's text. */
    String previewRecentEvent(String search) {
        openTab("Preview");
        Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("preview-origin")));
        driver.findElements(By.cssSelector("#preview-origin vaadin-radio-button")).stream()
                .filter(option -> option.getDomProperty("textContent").strip().startsWith("Recent events of"))
                .findFirst().orElseThrow().click();
        Browser.waitFor(driver).until(d -> d.findElement(By.id("preview-sample")).getAttribute("disabled") == null);
        return pickAndPreview(search);
    }

    private String pickAndPreview(String search) {
        WebElement combo = driver.findElement(By.cssSelector("#preview-sample input"));
        combo.click();
        combo.sendKeys(search);
        pause(800);
        combo.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        pause(500);
        // a preview shown before is replaced: wait for the new one, not the old one still on screen
        var shownBefore = driver.findElements(By.cssSelector("#preview-result .trace"));
        driver.findElement(By.id("preview-run")).click();
        if (!shownBefore.isEmpty()) {
            Browser.waitFor(driver).until(ExpectedConditions.stalenessOf(shownBefore.getFirst()));
        }
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#preview-result .trace")));
        return driver.findElement(By.id("preview-result")).getText();
    }

    /** The computed style {@code property} of the preview's first event box (a node's output). */
    String previewEventBoxStyle(String property) {
        return driver.findElement(By.cssSelector("#preview-result .trace pre")).getCssValue(property);
    }

    /** What the preview says the targets would receive. */
    String previewDeliveries() {
        return Browser.waitFor(driver).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("preview-targets")).getText());
    }

    void save(String comment) {
        WebElement field = driver.findElement(By.cssSelector("#save-comment input"));
        field.sendKeys(comment);
        driver.findElement(By.id("save-flow")).click();
    }

    String version() {
        return driver.findElement(By.id("flow-version")).getText();
    }

    void awaitVersion(int version) {
        Browser.waitFor(driver).until(d -> d.findElement(By.id("flow-version")).getText().equals("version " + version));
    }

    /**
     * Waits, without pressing Refresh, until the run tab draws the throughput chart: the engine samples every 5 s
     * and the panel updates itself by server push.
     */
    void awaitThroughputChart() {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(40))
                .pollingEvery(java.time.Duration.ofSeconds(1))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.cssSelector("#throughput-chart canvas")).isEmpty());
    }

    /**
     * Waits, without pressing Refresh, until the named counter ({@code out}, {@code in}...) reaches
     * {@code atLeast}: the run tab updates itself by server push.
     */
    void awaitCounter(String name, long atLeast) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(40))
                .pollingEvery(java.time.Duration.ofSeconds(1))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    var counter = d.findElements(By.cssSelector("[data-counter='" + name + "']"));
                    return !counter.isEmpty() && Long.parseLong(counter.getFirst().getText().replaceAll("\\D", ""))
                            >= atLeast;
                });
    }

    /** The error shown beside a form field, as the field shows it. */
    String fieldError(String name) {
        Browser.waitFor(driver).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const f = document.getElementById(arguments[0]); return !!f && f.invalid;", "field-" + name)));
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
                "return document.getElementById(arguments[0]).errorMessage;", "field-" + name));
    }

    /** Waits until a field's error starts with {@code start} (the server has checked what was typed), and returns it. */
    String awaitFieldError(String name, String start) {
        Browser.waitFor(driver).until(d -> String.valueOf(((JavascriptExecutor) d).executeScript(
                "const f = document.getElementById(arguments[0]); return f && f.invalid ? f.errorMessage : '';",
                "field-" + name)).startsWith(start));
        return fieldError(name);
    }

    String conflictMessage() {
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("save-conflict")));
        return driver.findElement(By.id("save-conflict")).getText();
    }

    String deploy() {
        openTab("Run");
        Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("deploy-flow")));
        driver.findElement(By.id("deploy-flow")).click();
        Browser.waitFor(driver).until(d -> !d.findElement(By.id("run-outcome")).getText().isBlank());
        return driver.findElement(By.id("run-outcome")).getText();
    }

    /**
     * On the Run tab, picks the choice of the radio group {@code group} whose label starts with {@code label} and
     * gives the field it reveals, {@code field}, the value {@code value}.
     */
    private void chooseDeployOption(String group, String label, String field, String value) {
        openTab("Run");
        Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("deploy-flow")));
        driver.findElements(By.cssSelector("#" + group + " vaadin-radio-button")).stream()
                .filter(choice -> choice.getDomProperty("textContent").strip().startsWith(label))
                .findFirst().orElseThrow()
                .click();
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id(field)));
        ((JavascriptExecutor) driver).executeScript("const field = document.getElementById(arguments[0]);"
                + "field.value = arguments[1]; field.dispatchEvent(new Event('change'));", field, value);
    }

    /** Deploys with "Each key in order" over {@code partitions} partitions; returns what the Run tab answered. */
    String deployOrderedByKey(int partitions) {
        chooseDeployOption("deploy-ordering", "Each key in order", "deploy-partitions", String.valueOf(partitions));
        driver.findElement(By.id("deploy-flow")).click();
        Browser.waitFor(driver).until(d -> !d.findElement(By.id("run-outcome")).getText().isBlank());
        return driver.findElement(By.id("run-outcome")).getText();
    }

    /**
     * Deploys starting with every event since {@code since} (the server's time zone, which is this machine's); returns
     * what the Run tab answered.
     */
    String deployFrom(java.time.LocalDateTime since) {
        chooseDeployOption("deploy-start", "Every event since", "deploy-since",
                since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        String before = driver.findElement(By.id("run-outcome")).getText();
        driver.findElement(By.id("deploy-flow")).click();
        Browser.waitFor(driver).until(d -> {
            String now = d.findElement(By.id("run-outcome")).getText();
            return !now.isBlank() && !now.equals(before);
        });
        return driver.findElement(By.id("run-outcome")).getText();
    }

    /** Deploys to run in {@code region} (a label of the Run tab's region choice); returns what the Run tab answered. */
    String deployIn(String region) {
        openTab("Run");
        Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("deploy-region")));
        Browser.choose(driver, "deploy-region", region);
        driver.findElement(By.id("deploy-flow")).click();
        Browser.waitFor(driver).until(d -> !d.findElement(By.id("run-outcome")).getText().isBlank());
        return driver.findElement(By.id("run-outcome")).getText();
    }

    /** Resyncs the deployed flow from its source's current state, confirming; returns what the Run tab answered. */
    String resync() {
        openTab("Run");
        driver.findElement(By.id("resync-flow")).click();
        Browser.waitFor(driver).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const c = document.getElementById('confirm-resync'); return !!c && c.opened;")));
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById('confirm-resync').querySelector('[slot=confirm-button]').click();");
        Browser.waitFor(driver).until(d -> d.findElement(By.id("run-outcome")).getText().contains("Resync"));
        return driver.findElement(By.id("run-outcome")).getText();
    }

    /** How the Run tab says the deployed flow keeps order. */
    String flowOrdering() {
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("flow-ordering")));
        return driver.findElement(By.id("flow-ordering")).getText();
    }

    /** What the status panel says of the running flow (counters, or why it is failing). */
    String runStatus() {
        Browser.waitFor(driver).ignoring(StaleElementReferenceException.class).until(d -> {
            // the Run tab is taller than the window and scrolls inside its panel, which a click does not scroll
            ((JavascriptExecutor) d).executeScript("arguments[0].click();", d.findElement(By.id("refresh-status")));
            pause(500);
            return d.findElement(By.id("flow-status")).getText().contains("in:");
        });
        return driver.findElement(By.id("flow-status")).getText();
    }

    String flowState() {
        return driver.findElement(By.id("flow-state")).getText();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
