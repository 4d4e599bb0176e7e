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
