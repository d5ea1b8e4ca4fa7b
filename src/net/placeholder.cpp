// placeholder until the listeners land
