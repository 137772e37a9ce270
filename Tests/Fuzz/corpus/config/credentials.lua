return {
  default = "busy",
  profiles = {
    cert = { tenant_id = "t", client_id = "c", certificate_path = "~/app.pem", certificate_passphrase_env = "PASS",
             certificate_algorithm = "PS256", send_certificate_chain = true },
    k8s = { tenant_id = "t", client_id = "c", federated_token_file = "/run/token" },
    ci = { tenant_id = "t", client_id = "c", credential = "github_actions", federated_audience = "api://AzureADTokenExchange" },
    cmd = { tenant_id = "t", client_id = "c", federated_token_command = "print-token" },
    vm = { credential = "managed_identity", managed_identity_client_id = "u" },
    busy = { pool = { "cert", "k8s" } },
  },
}
