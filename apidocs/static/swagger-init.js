// Starts Swagger UI on the page's #swagger-ui element. A file, not an inline script, so the page's
// Content-Security-Policy can allow scripts from this origin only.
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    validatorUrl: null, // the default validator is a remote service
    persistAuthorization: false,
  });
})();
