// The reconnect dialog (ReconnectModal.razor): Blazor sets its state classes and the seconds; this
// opens and closes it, shows the attempt number, and reloads when the server no longer knows the
// circuit (a node that died behind the proxy): the reloaded page is the same address, still signed in.
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const retryButton = document.getElementById("components-reconnect-button");
retryButton.addEventListener("click", retry);

const resumeButton = document.getElementById("components-resume-button");
resumeButton.addEventListener("click", resume);

const attempt = document.getElementById("longan-reconnect-attempt");

function handleReconnectStateChanged(event) {
    if (event.detail.currentAttempt && attempt) {
        attempt.textContent = String(event.detail.currentAttempt);
    }
    if (event.detail.state === "show") {
        reconnectModal.showModal();
    } else if (event.detail.state === "hide") {
        reconnectModal.close();
    } else if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
        retryButton.focus();
    } else if (event.detail.state === "paused" || event.detail.state === "resume-failed") {
        resumeButton.focus();
    } else if (event.detail.state === "rejected") {
        location.reload();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);

    try {
        // true: reconnected; false: the server answered but no longer has the circuit; throws: unreachable.
        const successful = await Blazor.reconnect();
        if (!successful) {
            const resumeSuccessful = await Blazor.resumeCircuit();
            if (!resumeSuccessful) {
                location.reload();
            } else {
                reconnectModal.close();
            }
        }
    } catch (err) {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            location.reload();
        }
    } catch {
        // The server cannot resume it either: a fresh page is the way back.
        location.reload();
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
