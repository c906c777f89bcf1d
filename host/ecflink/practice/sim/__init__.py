"""A simulated NextGen court, served over HTTPS at real court host names on this machine only."""
