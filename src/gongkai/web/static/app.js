// Small progressive enhancements; every page works without JavaScript.
(function () {
  function toggleDays() {
    var kind = document.querySelector("select[data-toggle-days]");
    var days = document.getElementById("f-days");
    if (!kind || !days) { return; }
    var field = days.closest(".field");
    var show = kind.value === "extension" || kind.value === "correction_notice";
    if (field) { field.classList.toggle("hidden", !show); }
  }
  document.addEventListener("change", function (event) {
    if (event.target && event.target.matches && event.target.matches("select[data-toggle-days]")) { toggleDays(); }
  });
  document.addEventListener("DOMContentLoaded", toggleDays);
})();

// Confirmation before destructive forms (data-confirm), and a progress bar on uploads (data-progress):
// the upload goes through XMLHttpRequest so the bar can move; the server's redirect is then followed.
(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.matches) { return; }
    if (form.matches("form[data-confirm]") && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
      return;
    }
    if (!form.matches("form[data-progress]") || !window.XMLHttpRequest || !window.FormData) { return; }
    event.preventDefault();
    var bar = form.querySelector("progress");
    var button = form.querySelector("button[type=submit]");
    if (bar) { bar.classList.remove("hidden"); bar.value = 0; }
    if (button) { button.disabled = true; button.dataset.text = button.textContent; button.textContent = "正在上传…"; }
    var xhr = new XMLHttpRequest();
    xhr.open(form.method || "post", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (bar && e.lengthComputable) { bar.value = Math.round(e.loaded * 100 / e.total); }
      if (button && e.lengthComputable && e.loaded >= e.total) { button.textContent = "已上传，正在处理…"; }
    });
    xhr.addEventListener("load", function () {
      var action = new URL(form.action, window.location.href).href;
      if (xhr.status < 400 && xhr.responseURL && xhr.responseURL !== action) {
        window.location.href = xhr.responseURL;  // the server redirected: show where it sent us
        return;
      }
      document.open(); document.write(xhr.responseText); document.close();
    });
    xhr.addEventListener("error", function () {
      if (button) { button.disabled = false; button.textContent = button.dataset.text; }
      if (bar) { bar.classList.add("hidden"); }
      window.alert("上传失败：网络中断，请重试");
    });
    xhr.send(new FormData(form));
  });
})();

// Downloads that take a while (PDF export, letters): a[data-download] is fetched with a visible
// "正在生成…" indicator; the file is saved when it arrives. A failed export comes back as a page
// (the server redirects there with its message), which is then shown instead of a silent nothing.
(function () {
  function filename(response, fallback) {
    var header = response.headers.get("content-disposition") || "";
    var star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) { try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ } }
    var plain = /filename="([^"]+)"/i.exec(header);
    return plain ? plain[1] : fallback;
  }
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[data-download]") : null;
    if (!link || !window.fetch || !window.URL || link.dataset.busy) { return; }
    event.preventDefault();
    var status = document.getElementById(link.getAttribute("data-status") || "download-status");
    var text = link.textContent;
    link.dataset.busy = "1";
    link.setAttribute("aria-busy", "true");
    link.textContent = "正在生成…";
    if (status) { status.innerHTML = '<progress aria-label="正在生成"></progress> 正在生成“' + text + '”，请稍候…'; }
    function done(message, kind) {
      delete link.dataset.busy;
      link.removeAttribute("aria-busy");
      link.textContent = text;
      if (status) { status.innerHTML = ""; if (message) { status.textContent = message; status.className = "flash " + kind; } }
    }
    fetch(link.href, { credentials: "same-origin" }).then(function (response) {
      var type = response.headers.get("content-type") || "";
      if (response.ok && type.indexOf("text/html") === 0 && response.redirected) {
        window.location.href = response.url;  // the page with the server's message
        return null;
      }
      if (!response.ok) { throw new Error("服务器返回 " + response.status); }
      return response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = document.createElement("a");
        a.href = url;
        a.download = filename(response, "download");
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        done("已生成：" + a.download, "ok");
      });
    }).catch(function (error) {
      done("生成失败：" + error.message + "。请稍后重试，或联系管理员。", "error");
    });
  });
})();
