# rlnb figure: 1 panel(s)
unset multiplot
reset
set terminal dumb size 80,24 nofeed noenhanced mono
set output
set key top right opaque
plot rlnb_dir.'/rlnb_1.bin' binary format='%float64%float64' using 1:2 with lines lt 1 lw 1.5 title "y", \
     rlnb_dir.'/rlnb_2.bin' binary format='%float64%float64%float64' using 1:2:3 with filledcurves lt 2 fs transparent solid 0.25 noborder notitle
set output
