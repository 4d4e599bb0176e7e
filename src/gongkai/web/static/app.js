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
    });
    xhr.addEventListener("load", function () {
      if (xhr.responseURL && xhr.status < 400) { window.location.href = xhr.responseURL; return; }
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
