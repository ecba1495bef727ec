// @bsk/devnet: the local network's public entry point. Modules append their exports below.
