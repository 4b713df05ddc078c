// Embeds a workspace's web chat: <script src="https://HOST/chat/WORKSPACE/widget.js" async></script>
(function () {
  var script = document.currentScript;
  var chat = script.src.replace(/\/widget\.js(\?.*)?$/, "");
  var open = false;
  var button = document.createElement("button");
  button.textContent = "Chat";
  button.setAttribute("aria-label", "Open chat");
  button.style.cssText = "position:fixed;right:20px;bottom:20px;z-index:2147483647;border:0;" +
    "border-radius:24px;padding:12px 20px;background:#1f7a5a;color:#fff;font:15px system-ui;cursor:pointer";
  var frame = document.createElement("iframe");
  frame.title = "Chat";
  frame.style.cssText = "position:fixed;right:20px;bottom:76px;z-index:2147483647;width:360px;" +
    "max-width:calc(100vw - 40px);height:520px;max-height:calc(100vh - 100px);border:0;" +
    "border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.2);display:none";
  button.addEventListener("click", function () {
    open = !open;
    if (open && !frame.src) frame.src = chat;
    frame.style.display = open ? "block" : "none";
  });
  document.body.appendChild(frame);
  document.body.appendChild(button);
})();
