return {
  default = "contoso",
  profiles = {
    contoso = {
      tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47",
      client_id = "5f1b1d1e-8c2a-4a8e-9a53-0c6f0c3b6d21",
      client_secret_env = "HDC_FUZZ_SECRET",
    },
    fabrikam = {
      tenant_id = os.getenv("FABRIKAM_TENANT") or "common",
      client_id = "0b7a0000-0000-0000-0000-000000000000",
      client_secret_file = "~/.config/hwsubmit/fabrikam.secret",
      base_url = "https://manage.devcenter.microsoft.com/v2.0/my/hardware",
      token_endpoint = "v2",
    },
  },
}
