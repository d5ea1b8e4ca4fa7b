// placeholder until auth lands
