// Starts Swagger UI from local files; kept out of the page so the CSP can forbid inline scripts.
(function () {
  var node = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: node.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    withCredentials: true,
    requestInterceptor: function (req) {
      var token = window.gongkaiCsrf;
      if (token && req.method && req.method.toUpperCase() !== "GET") { req.headers["X-CSRF-Token"] = token; }
      return req;
    },
    onComplete: function () {
      fetch("/api/v1/me", { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (me) { if (me && me.csrf_token) { window.gongkaiCsrf = me.csrf_token; } });
    }
  });
})();
