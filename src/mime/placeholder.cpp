// placeholder until the MIME parser lands
