document.getElementById("app")!.textContent = "Transcendence";
